"""The recommendation pages, split by who uses them:

- reading:   the register, a response, its history, my responses (everyone)
- progress:  updates and evidence (the owner, or the liaison)
- manage:    recording and assigning, RAG, reviews, reassigning (the liaison)
- decisions: extensions and closures (owner asks, liaison checks, executive decides)
- national:  a national recommendation taken on, or recorded as not applying (the liaison)
- concerns:  a cause of concern revisited and discharged (the liaison)
"""


def posted(request):
    """The data of a POST, even an empty one, else None: an empty POST is validated (and gets
    the error summary), never mistaken for a first visit to the form."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None
