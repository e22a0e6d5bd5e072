/// SQL fragments and table lists the reads share.
enum StoreQueries {}
