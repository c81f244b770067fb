from tests.roadmaps.conftest import today  # noqa: F401  the same fixed day
