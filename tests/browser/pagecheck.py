"""Checks any browser test can run on the page it is on: axe-core finds no critical or serious
accessibility violation, and the page fits a 390 px wide phone without sideways scrolling.

axe-core is the pinned copy in tests/browser/vendor/ (MPL-2.0, its licence beside it;
scripts/update_axe replaces it with another version from npm), so the tests need no network.
It is evaluated through the DevTools protocol, which the pages' Content-Security-Policy (no
inline script) does not apply to.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from pathlib import Path

from tests.browser.conftest import screenshot

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
BLOCKING = ("critical", "serious")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1440, "height": 900}

# The elements wider than the viewport, innermost first, for the failure message.
_STICKING_OUT = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    if ([...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5)) continue;
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (el.classList.length) name += '.' + [...el.classList].join('.');
    out.push(name + ' (right edge ' + Math.round(box.right) + ' px)');
  }
  return out.slice(0, 8);
}"""


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING) -> list[dict]:
    """axe-core's violations on the current page whose impact is one of `impacts`."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [v for v in results["violations"] if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """One paragraph per violation: rule, impact, what it means, and the elements at fault."""
    parts = []
    for v in violations:
        nodes = v["nodes"]
        lines = [f"{v['id']} ({v['impact']}): {v['help']} [{len(nodes)} element(s)]"]
        for node in nodes[:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"  {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(nodes) > 5:
            lines.append(f"  ... and {len(nodes) - 5} more")
        parts.append("\n".join(lines))
    return "\n".join(parts)


def assert_accessible(page) -> None:
    """Fail on any critical or serious axe-core violation, naming the rule and the elements."""
    found = axe_violations(page)
    assert not found, f"axe-core on {page.url}:\n{describe(found)}"


def overflow(page) -> tuple[int, list[str]]:
    """The page's scroll width at the current viewport, and the elements that stick out."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    sticking_out = page.evaluate(_STICKING_OUT, width) if scroll_width > width else []
    return scroll_width, sticking_out


def assert_fits(page) -> None:
    """Fail when the page is wider than the viewport (it would scroll sideways)."""
    scroll_width, sticking_out = overflow(page)
    width = page.viewport_size["width"]
    assert scroll_width <= width, (
        f"{page.url} is {scroll_width} px wide at {width} px: " + "; ".join(sticking_out)
    )


@contextmanager
def phone(page):
    """The page on a 390 px wide phone for the block, then back on the screen it had."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        yield page
    finally:
        page.set_viewport_size(size or LAPTOP)


def check_page(page, name: str | None = None) -> None:
    """The current page, on the screen it is shown on and on a 390 px phone: no critical or
    serious axe-core violation, no sideways scrolling on the phone. With `name`, screenshots
    of both (test-artifacts/screenshots/NAME.png and NAME-390.png)."""
    assert_accessible(page)
    if name is not None:
        screenshot(page, name)
    with phone(page):
        assert_fits(page)
        assert_accessible(page)
        if name is not None:
            screenshot(page, f"{name}-390")
