# Messages of the command line and of every report: English.
# A message is `id = text`; `{ $name }` puts in a value. Keep the ids the same in ja/cli.ftl.

severity-error = error
severity-warning = warning
errors-found = { $count ->
        [one] 1 error found
       *[other] { $count } errors found
    }
errors-and-warnings-found = { $count ->
        [one] 1 error found
       *[other] { $count } errors found
    } ({ $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    })
