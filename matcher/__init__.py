"""grant-matcher: match organizations with funding programmes, with reasons.

Import is cheap on purpose: scikit-learn and jieba load on first use, so the
CLI answers ``--help`` at once and the web app starts its model once.
"""

__version__ = "0.1.0"
