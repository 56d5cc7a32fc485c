-- Answers to a framework configured to need review (akashi.answers.review-frameworks) count
-- only once a second admin or security user approved them. One row per answer that needed
-- review: 'pending' until decided, then 'approved' or 'rejected' (with who, when and why).
-- Answers without a row need no review and count as given.
CREATE TABLE answer_reviews (
    answer_id   VARCHAR(36)  PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    reviewed_by VARCHAR(64),
    reviewed_at BIGINT,
    note        ${text}
);
CREATE INDEX answer_reviews_status ON answer_reviews(status);
