"""Scorers behind `detente eval`: annotated data lives in eval/ at the project root."""
