// The evidence of the OCSP stapling rules, read from the decoder's trees of a run: whether the
// client asked (status_request in its ClientHello), where the server's staple lies (TLS 1.2:
// CertificateStatus; TLS 1.3: the leaf's CertificateEntry, RFC 8446 §4.4.2.1), and the field of
// the staple the client refused it for.
#pragma once

#include <optional>

#include "core/audit/audit.hpp"

namespace hl::audit {

/// The client asked for a staple and the server sent its certificate without one: the leaf's
/// CertificateEntry extensions (TLS 1.3) or the ServerHello's extensions (TLS 1.2), where
/// status_request is missing. nullopt when a staple came, the client did not ask, or no
/// certificate was sent.
std::optional<Evidence> missing_staple(const AuditRun& run);

/// The client refused the stapled response (Negotiated::ocsp_status revoked, unknown, expired or
/// invalid): its certStatus, its nextUpdate, or the whole response. nullopt otherwise.
std::optional<Evidence> refused_staple(const AuditRun& run);

}  // namespace hl::audit
