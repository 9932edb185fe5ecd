"""The axe helper must fail on a page that breaks the rules, naming each violation."""

import pytest

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_assert_accessible_lists_each_violation(chromium):
    page = chromium.new_page()
    try:
        page.set_content(
            '<!doctype html><html lang="nb"><head><title>t</title></head><body><main>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<input type="text" name="x"></main></body></html>'
        )
        with pytest.raises(AssertionError) as failure:
            assert_accessible(page)
        message = str(failure.value)
        assert "image-alt (critical)" in message
        assert "label (critical)" in message
        assert "at img:" in message

        page.set_content(
            '<!doctype html><html lang="nb"><head><title>t</title></head><body><main>'
            '<h1>Alt i orden</h1><label for="x">Navn</label><input id="x" name="x">'
            "</main></body></html>"
        )
        assert_accessible(page)
    finally:
        page.close()
