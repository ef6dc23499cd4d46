tail-call
