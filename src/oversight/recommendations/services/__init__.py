"""The writes about recommendations and responses, split by what a person is doing:

- records:   recording recommendations and responses, assigning, reassigning, confirming RAG
- progress:  updates, evidence files, periodic reviews
- decisions: extensions, closure and sign-off
- concerns:  a cause of concern revisited and discharged
- national:  a national recommendation taken on, or recorded as not applying

Each function is one transaction, checks who may do it, and leaves an audit entry.
"""

from oversight.recommendations.services.concerns import (
    concern_discharge,
    concern_ready_to_discharge,
    concern_revisit,
)
from oversight.recommendations.services.decisions import (
    closure_check,
    closure_inspectorate_decision,
    closure_request,
    closure_return,
    closure_sign_off,
    closure_submit,
    due_date_set,
    extension_decide,
    extension_request,
)
from oversight.recommendations.services.national import (
    response_not_applicable,
    response_take_on,
)
from oversight.recommendations.services.progress import (
    evidence_add,
    evidence_check,
    evidence_withdraw,
    max_evidence_bytes,
    review_record,
    update_add,
)
from oversight.recommendations.services.records import (
    next_review_after,
    rag_confirm,
    recommendation_create,
    recommendation_edit,
    response_assign,
    response_create,
    response_edit,
    response_reopen,
    response_start,
    responses_reassign,
)

__all__ = [
    "closure_check",
    "closure_inspectorate_decision",
    "closure_request",
    "closure_return",
    "closure_sign_off",
    "closure_submit",
    "concern_discharge",
    "concern_ready_to_discharge",
    "concern_revisit",
    "due_date_set",
    "evidence_add",
    "evidence_check",
    "evidence_withdraw",
    "extension_decide",
    "extension_request",
    "max_evidence_bytes",
    "next_review_after",
    "rag_confirm",
    "recommendation_create",
    "recommendation_edit",
    "response_reopen",
    "response_assign",
    "response_create",
    "response_edit",
    "response_not_applicable",
    "response_start",
    "response_take_on",
    "responses_reassign",
    "review_record",
    "update_add",
]
