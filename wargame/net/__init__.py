"""A seminar across many screens: the wire protocol, join codes, the authoritative server and its
client (see docs/protocol.md). A layer above the session; nothing here imports Textual."""
