"""The Comparison as a Markdown diff report and as the JSON contract other tools read."""

from tui.report.json import render_json, report_dict
from tui.report.markdown import render_markdown

__all__ = ["render_json", "render_markdown", "report_dict"]
