"""The approval of proposals onto «Пары» (`jobs.approval`): what the summary says about a pair's form."""

APPROVAL = {
    "group_too_small": (
        "Группа {group} наставника {mentor}: утверждено наставляемых {count} — меньше, чем нужно для "
        "групповой формы ([matching] group_min_size = {minimum}); каждый оформлен отдельной парой "
        "«{form}»."
    ),
}
