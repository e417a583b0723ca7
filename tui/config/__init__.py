"""sources.yaml: loading it into a `Config` with every problem located, and checking it."""

from tui.config.check import find_problems, summarise
from tui.config.load import (
    CONFIG_NAME,
    DEMO_EVENT,
    ConfigError,
    bundled_config_path,
    default_config_path,
    display_name,
    load_config,
)

__all__ = [
    "CONFIG_NAME",
    "DEMO_EVENT",
    "ConfigError",
    "bundled_config_path",
    "default_config_path",
    "display_name",
    "find_problems",
    "load_config",
    "summarise",
]
