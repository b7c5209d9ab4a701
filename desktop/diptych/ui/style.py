"""Colours, fonts and the verdict badges, shared by the panes, the gutter and the claims table.

Colours follow the application palette, so the window follows the system light/dark scheme; every
colour that carries meaning comes with a letter or a shape too (confirmed verdicts are filled
badges, suggested ones are dashed outlines).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap

READING_FAMILIES = ("Source Serif 4", "Source Serif Pro", "Charter", "Georgia", "Noto Serif", "Literata",
                    "Cambria", "DejaVu Serif", "Times New Roman")
VERDICT_LETTERS = {"consistent": "C", "altered": "A", "unsupported": "U"}
VERDICT_NAMES = {"consistent": "Consistent", "altered": "Altered", "unsupported": "Unsupported"}
STRENGTHS = ("identical", "minor edit", "paraphrase", "changed")  # tints: see ui/tints.py


def link_strength(score: float, across: bool = False) -> str:
    """Identical / minor edit / paraphrase, from a link's score; translation / loose match for a link
    across languages (its score is the sentence encoder's)."""
    if across:
        return "translation" if round(score, 2) >= 0.6 else "loose match"  # as the two decimals shown say
    if score >= 0.97:
        return "identical"
    if score >= 0.8:
        return "minor edit"
    return "paraphrase"


def reading_font(point_size: float = 11.5) -> QFont:
    families = set(QFontDatabase.families())
    family = next((f for f in READING_FAMILIES if f in families), "")
    font = QFont(family) if family else QFont()
    if not family:
        font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return True
    return QGuiApplication.palette().base().color().lightness() < 128


def dark_palette() -> QPalette:
    """A dark palette (for ``--screenshot --palette dark`` and the tests of dark colours); the window
    otherwise takes the system's palette."""
    pal = QPalette()
    role = QPalette.ColorRole
    for r, c in ((role.Window, "#202328"), (role.WindowText, "#e6e6e6"), (role.Base, "#17191d"),
                 (role.AlternateBase, "#1e2126"), (role.Text, "#e6e6e6"), (role.Button, "#2a2e35"),
                 (role.ButtonText, "#e6e6e6"), (role.Highlight, "#2f6fd0"), (role.HighlightedText, "#ffffff"),
                 (role.Mid, "#3b4048"), (role.Midlight, "#353a42"), (role.Dark, "#111316"), (role.Light, "#4a5058"),
                 (role.PlaceholderText, "#8a9099"), (role.ToolTipBase, "#2a2e35"), (role.ToolTipText, "#e6e6e6")):
        pal.setColor(r, QColor(c))
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor("#6b7078"))
    return pal


@dataclass
class Theme:
    dark: bool
    text: QColor
    muted: QColor
    base: QColor
    accent: QColor
    strength: dict[str, QColor]  # tints of linked passages (ui/tints.py: they follow the verdict)
    verdict: dict[str, QColor]
    omission: QColor
    current: QColor
    partner: QColor
    diff_left: QColor
    diff_right: QColor
    reason: QColor
    find: QColor
    band_outline: QColor


def theme() -> Theme:
    dark = is_dark()
    pal = QGuiApplication.palette()

    def c(light: str, dark_: str, alpha: int = 255) -> QColor:
        col = QColor(dark_ if dark else light)
        col.setAlpha(alpha)
        return col

    return Theme(
        dark=dark,
        text=pal.text().color(),
        muted=c("#6b7280", "#9ca3af"),
        base=pal.base().color(),
        accent=c("#2563eb", "#60a5fa"),
        strength={
            "identical": c("#94a3b8", "#64748b", 34),
            "minor edit": c("#60a5fa", "#3b82f6", 38),
            "paraphrase": c("#a78bfa", "#8b5cf6", 40),
            "changed": c("#fb923c", "#ea580c", 46),  # the verdict says altered (ui/tints.py)
        },
        verdict={"consistent": c("#15803d", "#4ade80"), "altered": c("#c2410c", "#fb923c"),
                 "unsupported": c("#b91c1c", "#f87171"), "not_a_claim": c("#6b7280", "#9ca3af"),
                 "check": c("#a16207", "#facc15")},  # a suggestion to check (ui/check.py)
        omission=c("#b91c1c", "#f87171"),
        current=c("#fbbf24", "#f59e0b", 58),
        partner=c("#fbbf24", "#f59e0b", 58),
        diff_left=c("#fca5a5", "#b91c1c", 80),
        diff_right=c("#86efac", "#15803d", 80),
        reason=c("#c2410c", "#fb923c"),
        find=c("#fde047", "#a16207", 200),
        band_outline=c("#d97706", "#fbbf24"),
    )


def draw_badge(p: QPainter, rect: QRectF, letter: str, colour: QColor, filled: bool, base: QColor) -> None:
    """A verdict badge: a filled disc for a confirmed verdict, a dashed ring for a suggestion."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = rect.adjusted(1, 1, -1, -1)
    if filled:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(r)
        p.setPen(base)
    else:
        pen = QPen(colour, 1.3)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setDashPattern([2.2, 1.6])
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
        p.setPen(colour)
    font = p.font()
    font.setBold(True)
    font.setPixelSize(max(7, int(r.height() * 0.58)))
    p.setFont(font)
    p.drawText(r.translated(QPointF(0, 0.3)), Qt.AlignmentFlag.AlignCenter, letter)
    p.restore()


_theme_cache: list[Theme] = []


def current_theme() -> Theme:
    """The theme, computed once per colour scheme (``clear_caches`` after a scheme change)."""
    if not _theme_cache:
        _theme_cache.append(theme())
    return _theme_cache[0]


_icon_cache: dict[tuple[str, str, bool, bool], QIcon] = {}


def badge_icon(verdict: str | None, filled: bool, not_a_claim: bool = False) -> QIcon:
    th = current_theme()
    key = (verdict or "", "x" if not_a_claim else "", filled, th.dark)
    if key in _icon_cache:
        return _icon_cache[key]
    icon = QIcon()
    for size in (16, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        if not_a_claim:
            draw_badge(p, QRectF(0, 0, size, size), "×", th.verdict["not_a_claim"], filled, th.base)
        elif verdict:
            draw_badge(p, QRectF(0, 0, size, size), VERDICT_LETTERS[verdict], th.verdict[verdict], filled, th.base)
        p.end()
        icon.addPixmap(pm)
    _icon_cache[key] = icon
    return icon


def clear_caches() -> None:
    _icon_cache.clear()
    _theme_cache.clear()
    from diptych.ui import check

    check.clear_cache()
