"""Actors: the knowledge base of who can act in world politics, and linking mentions to it."""

from detente.actors.kb import KBError, KnowledgeBase, load_kb

__all__ = ["KBError", "KnowledgeBase", "load_kb"]
