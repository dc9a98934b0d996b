"""The API's error shape: {"detail": ..., "code": ..., "errors": {field: [messages]}}."""
