-- The gateway-store reader's settled sums (see StoreSnapshots): after a restart it shifts them by the rows that
-- came in and went out since, instead of summing every settled hour and minute row of the gateway's store again.
-- One row per store schema and piece (HOURS, SETTLED_MINUTES), replaced when the piece changes; and RAW, the raw
-- buckets kept in memory, written on a graceful stop (its cuts are both the instant they were read until).
CREATE TABLE gateway_store_snapshots (
    store_schema    text          NOT NULL,
    piece           text          NOT NULL,
    -- the rows summed: [lower_cut, upper_cut) of the piece's resolution
    lower_cut       timestamptz   NOT NULL,
    upper_cut       timestamptz   NOT NULL,
    -- each window's start clamped into the piece, windows sorted by length; the sums are per window
    starts          timestamptz[] NOT NULL,
    -- the latency thresholds, as numbers of histogram buckets counted good
    good_buckets    integer[]     NOT NULL,
    -- the store's oldest one-hour row when taken: a later one means rows were deleted since
    oldest_hour_row timestamptz,
    -- gzip: the routes, and per route and part (clock hour, or 0) the sums
    sums            bytea         NOT NULL,
    taken_at        timestamptz   NOT NULL,
    PRIMARY KEY (store_schema, piece)
);
