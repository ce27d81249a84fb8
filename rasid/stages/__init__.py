"""Pipeline stages, one small module each. Every module has `make(resources) -> Stage`."""
