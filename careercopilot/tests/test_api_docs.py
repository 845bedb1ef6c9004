import re

import pytest
import yaml
from drf_spectacular.validation import validate_schema


@pytest.mark.django_db
def test_schema_is_valid_openapi_3(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert "/api/v1/profile/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
@pytest.mark.django_db
def test_docs_pages_load_only_local_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    outside = [s for s in sources if s.startswith(("http://", "https://", "//"))]
    assert outside == []
    for src in sources:
        if src.startswith("/static/"):
            assert client.get(src).status_code == 200, src
