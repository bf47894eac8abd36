"""hireloop: practise the AI product manager interview loop."""

__version__ = "0.1.0"
