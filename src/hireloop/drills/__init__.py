"""Spaced-repetition cards and generated metric exercises."""
