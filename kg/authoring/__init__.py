"""Authoring helpers: finding entities by name (:mod:`kg.authoring.lookup`) and
drafting the Turtle of a new article (:mod:`kg.authoring.draft`, from its
:mod:`~kg.authoring.sentences`, :mod:`~kg.authoring.figures` and
:mod:`~kg.authoring.names`, written by :mod:`kg.authoring.turtle`)."""
