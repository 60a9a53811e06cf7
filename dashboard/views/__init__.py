"""The pages: one module a part of the site."""
