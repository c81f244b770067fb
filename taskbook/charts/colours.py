"""The charts' colours, in one place so a page, a PDF and a legend never disagree.

Plain hex values: a PDF renderer and an SVG saved on its own know no CSS variables.
"""

INK = "#1d2430"  # text and the marks that matter most
MUTED = "#5b6575"  # secondary text, axis labels, summary spans
AXIS = "#9aa3b2"  # axis lines and ticks
RULE = "#d9dee7"  # gridlines of the bar charts
GRID = "#e3e7ee"  # gridlines of the target chart
ROW_RULE = "#eceff4"  # rules between rows and months of the road map
YEAR_RULE = "#c3c9d4"  # the road map's year boundaries
BAND = "#eef1f6"  # the band behind a heading row
WHITE = "#ffffff"
BLUE = "#1f4e9c"  # the default bar, a planned line
AMBER = "#b26a00"  # a target and a revised value, the end of a plan's period
BEYOND_OPACITY = 0.1  # amber this faint shades a road map's time after the plan's end, over its grid

# Likelihood of delivery, in the colours every RAG chart uses; "" is "not rated".
RED = "#c62828"
AMBER_RED = "#ef6c00"
AMBER_GREEN = "#f9a825"
GREEN = "#2e7d32"
NOT_RATED = AXIS
RAG_COLOURS = {
    "red": RED,
    "amber_red": AMBER_RED,
    "amber_green": AMBER_GREEN,
    "green": GREEN,
    "": NOT_RATED,
}

# A forecast that meets its target, and one that misses it.
MET = GREEN
MISSED = "#b3261e"

# The road map's bars by state.
NOT_STARTED = "#8fb0e6"
IN_PROGRESS = "#3b6fc4"
DONE = GREEN
OVERDUE = RED
CANCELLED = "#c4c8cf"
BASELINE = "#8a93a3"
