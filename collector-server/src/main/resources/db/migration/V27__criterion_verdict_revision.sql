-- Every write of a criterion's verdict counts up its revision, so the console can tell which
-- verdicts changed without reading every verdict's detail (its JSON names the failing and unknown
-- assets and grows with the fleet). Rows written before this migration start at 0.
ALTER TABLE criterion_verdicts ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
