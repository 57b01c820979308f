"""The REST API of `detente serve`: the app factory, its security, routes and read model."""
