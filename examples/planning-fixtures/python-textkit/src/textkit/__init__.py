"""Case conversion and text wrapping."""
from textkit.case import camel_to_snake, snake_to_camel
from textkit.wrap import wrap

__all__ = ["camel_to_snake", "snake_to_camel", "wrap"]
