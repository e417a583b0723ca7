"""From a location to an Article: fetch (with cache and charset), then extract the text."""
