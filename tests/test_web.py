def test_home_lists_orgs_with_ranked_programmes(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "秦皇岛市萤火社会工作服务中心" in html and "乡村儿童阅读资助项目" in html
    assert "<mark>" in html
