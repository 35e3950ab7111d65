"""The public session API: start a game, advance it, decide, read views, write and replay journals."""
