"""Whatever arrives in the address, the answer is a page (200), a 400 saying what was wrong, or a
404: never a 500."""

from urllib.parse import quote

import pytest

NASTY = [
    "",
    "-",
    "%",
    "_",
    "'",
    '"',
    "\x00",
    "é",
    "a" * 5000,
    "!!:*&|",
    "2018-02-30",
    "-1",
    "1e9",
    "<script>",
]
PATHS = [
    "/",
    "/authorities/",
    "/authorities/search/",
    "/compare/",
    "/compare/themes.csv",
    "/findings/",
    "/findings/export.csv",
    "/findings/export.json",
    "/api/authorities/",
    "/api/findings/",
]
PARAMETERS = [
    "q",
    "theme",
    "polarity",
    "authority",
    "region",
    "visit_type",
    "area",
    "from",
    "to",
    "page",
    "sort",
    "grade",
    "type",
    "neighbours_of",
    "compare",
]


@pytest.mark.parametrize("path", PATHS)
def test_no_parameter_value_makes_a_500(world, client, path):
    for name in PARAMETERS:
        for value in NASTY:
            response = client.get(f"{path}?{name}={quote(value)}")
            assert response.status_code in (200, 302, 400), (path, name, value, response.status_code)
            if response.streaming:
                b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "path",
    [
        "/authorities/%00/",
        "/authorities/..%2F/",
        "/visits/0/",
        "/visits/99999999999999999999/",
        "/sources/0/original",
    ],
)
def test_odd_paths_are_404(world, client, path):
    assert client.get(path).status_code == 404
