// What a transport error means for a retry (pure).
//
// Reads are retried after any transient failure. A write (PATCH) is retried
// only when the request cannot have reached the server: the connection was
// refused or the host did not resolve (no byte of the request was sent, so
// Auth0 cannot have applied it). After a reset, a truncated answer or a
// timeout, the PATCH may have been applied: it is never sent twice.
// TLS failures (a certificate that does not verify, a wrong host name) are
// not transient: trying again cannot make the certificate right.
#pragma once

#include "mgmt/mgmt_error.hpp"

#include <boost/system/error_code.hpp>

namespace profiledesk::mgmt {

struct failure_class {
    mgmt_error error = mgmt_error::network;  // network, timeout or bad_response
    bool not_sent = false;                   // the request cannot have reached the server
    bool transient = true;                   // another attempt may succeed
};

failure_class classify_failure(boost::system::error_code ec);

}  // namespace profiledesk::mgmt
