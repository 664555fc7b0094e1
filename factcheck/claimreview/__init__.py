"""schema.org ClaimReview: reading published fact-checks (`parse`), putting their ratings on the
verdict scale (`verdicts`), storing them as claims (`operations`), and the export of approved
claims (`export`)."""
