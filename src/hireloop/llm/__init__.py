"""Optional LLM interviewer and judge over any OpenAI-compatible endpoint (the ``llm`` extra).

Nothing here is imported unless an endpoint is configured and asked for.
"""
