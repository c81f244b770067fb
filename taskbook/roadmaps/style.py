"""The road map's style sheet, in a module of its own that imports nothing of Django: the settings
allow exactly this inline style sheet in the Content-Security-Policy by its hash
(`web.csp.style_hash`), so it must be importable before the apps are.

"""

from taskbook.charts import colours as c

# One style sheet inside each SVG, so an SVG saved or printed on its own looks the same. Classes, not
# per-element attributes: 500 measures would otherwise repeat the same colours thousands of times.
STYLE = (
    f".g-txt{{font-size:12px;fill:{c.INK}}}.g-sub{{font-size:11px;fill:{c.MUTED}}}"
    f".g-head{{font-size:12px;font-weight:700;fill:{c.INK}}}"
    ".g-head a:hover,.g-txt a:hover{text-decoration:underline}"
    f".g-band{{fill:{c.BAND}}}.g-rule{{stroke:{c.ROW_RULE};stroke-width:1}}"
    f".g-month{{stroke:{c.ROW_RULE};stroke-width:1}}.g-year{{stroke:{c.YEAR_RULE};stroke-width:1}}"
    f".g-yl{{font-size:12px;font-weight:700;fill:{c.INK}}}.g-ml{{font-size:10px;fill:{c.MUTED};text-anchor:middle}}"
    f".g-axisline{{stroke:{c.AXIS};stroke-width:1}}"
    f".bar{{fill:{c.IN_PROGRESS}}}.bar.not_started{{fill:{c.NOT_STARTED}}}.bar.in_progress{{fill:{c.IN_PROGRESS}}}"
    f".bar.done{{fill:{c.DONE}}}.bar.overdue{{fill:{c.OVERDUE}}}.bar.cancelled{{fill:{c.CANCELLED}}}"
    f".strike{{stroke:{c.MUTED};stroke-width:1.5}}"
    f".baseline{{fill:{c.BASELINE}}}.span{{fill:{c.MUTED}}}"
    f".today{{stroke:{c.RED};stroke-width:1.5;stroke-dasharray:4 3}}.today-mark{{fill:{c.RED}}}"
    f".beyond{{fill:{c.AMBER};fill-opacity:{c.BEYOND_OPACITY}}}.plan-end{{stroke:{c.AMBER};stroke-width:2}}"
    f".g-pe{{font-size:11px;font-weight:700;fill:{c.AMBER};text-anchor:end}}"
    f".milestone{{fill:{c.WHITE};stroke:{c.INK};stroke-width:1.3}}.milestone.done{{fill:{c.INK}}}"
    f".milestone.late{{stroke:{c.RED};stroke-width:2}}"
    f".slip{{font-size:10px;fill:{c.RED}}}.slip.early{{fill:{c.GREEN}}}"
)
