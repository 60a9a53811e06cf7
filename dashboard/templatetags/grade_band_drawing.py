"""The grade bands' drawing as one tag (dashboard.band_drawing)."""

from __future__ import annotations

from django import template

from dashboard.band_drawing import grade_bands_html

register = template.Library()
register.simple_tag(grade_bands_html)
