"""Decoding plain-text documents whatever their encoding."""


def decode_text(data: bytes) -> str:
    raise NotImplementedError
