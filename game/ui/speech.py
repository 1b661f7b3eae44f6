"""Who says a node's line: the core's speech module (game.core.speech), named here for
the window's screens."""

from game.core.speech import Said, post_author, present, split_attachments, split_direction

__all__ = ["Said", "post_author", "present", "split_attachments", "split_direction"]
