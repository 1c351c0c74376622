"""The recommendation pages, split by who uses them:

- reading:   the register, a response, its history, my responses (everyone)
- progress:  updates and evidence (the owner, or the liaison)
- manage:    recording and assigning, RAG, reviews, reassigning (the liaison)
- decisions: extensions and closures (owner asks, liaison checks, executive decides)
"""
