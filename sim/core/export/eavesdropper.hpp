// The eavesdropper's view: what a passive observer on the network learns from a run, step
// by step. Cleartext lines in full with the credentials marked; for TLS the record headers,
// what the handshake sends unencrypted (the server name above all), and only the size of
// everything encrypted. Endpoint events never cross the wire, so they are not in the view.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/field.hpp"
#include "core/model/transcript.hpp"
#include "core/wire/decode.hpp"

namespace hl {

/// A byte range of one step's wire bytes that the observer can read, and what it gives away.
struct Exposure {
  std::string what;      // "password", "user name", "session cookie", "server name (SNI)", "ALPN", ...
  std::string value;     // the readable value: "Tr0ub4dor&3", "mail.example.com", "h2, http/1.1"
  std::size_t offset = 0;
  std::size_t length = 0;
  bool secret = false;   // a credential (or mail content): the thing TLS was there to protect
};

/// What the observer sees of one step that crossed the wire.
struct SeenStep {
  std::size_t index = 0;         // the step's index in the transcript
  Side from = Side::client;
  bool is_record = false;        // a TLS record; else an application unit in the clear
  std::string summary;           // one line in the observer's words; never an encrypted message's name
  Bytes bytes;                   // exactly what crossed the wire
  std::string text;              // cleartext units: the bytes as text (non-printables as '.')
  std::uint8_t content_type = 0;      // records: the header's outer content type
  std::uint16_t record_version = 0;   // records: the header's legacy_record_version
  std::size_t record_len = 0;         // records: the header's length
  bool encrypted = false;        // records: the payload is ciphertext
  std::vector<Exposure> exposures;
  std::vector<Field> fields;     // what the observer can decode: all of a readable step, only the header of an encrypted record
};

/// The whole run as the observer saw it.
struct EavesdropperView {
  std::vector<SeenStep> steps;
  std::size_t num_hidden_events = 0;  // endpoint events: nothing on the wire
  // Every wire byte counts once, in one of three: header_bytes + readable_bytes + ciphertext_bytes
  // == wire_bytes, the sum of the sizes the ladder shows.
  std::size_t header_bytes = 0;       // TLS record headers (5 bytes each): readable, but only type, version, length
  std::size_t readable_bytes = 0;     // readable payload: unencrypted records' fragments and clear app lines
  std::size_t ciphertext_bytes = 0;   // encrypted records' fragments (ciphertext and tag)
  std::size_t wire_bytes = 0;         // every byte that crossed the wire
  std::size_t cleartext_bytes = 0;    // header_bytes + readable_bytes: what the observer could read
  std::vector<Exposure> secrets;      // every secret exposure, in order (offsets index the step it came from)
  std::vector<std::size_t> secret_steps;  // the step index of each entry in secrets
  std::string server_name;            // the SNI seen in a ClientHello, empty if none was sent
  std::string client_identity;        // mutual TLS: the client certificate's subject read in the clear (TLS 1.2), else empty
  bool client_identity_hidden = false;  // the client sent a certificate the observer cannot read (TLS 1.3 encrypts it)
};

/// Builds the view, decoding the readable steps itself.
EavesdropperView eavesdropper_view(const Transcript& transcript);

/// Builds the view reusing wire::decode_transcript(transcript) (one entry per step).
EavesdropperView eavesdropper_view(const Transcript& transcript, const std::vector<wire::DecodedStep>& decoded);

/// {"steps": [{index, from, kind ("app-line"|"record"), summary, bytes (hex), text, encrypted,
///   record: {content_type, version, length}, exposures: [{what, value, offset, length, secret}], fields}],
///  "hidden_events", "wire_bytes", "header_bytes", "readable_bytes", "ciphertext_bytes", "cleartext_bytes"
///  (header + readable), "server_name", "client_identity" (subject or null), "client_identity_hidden",
///  "secrets": [{step, what, value}]}
nlohmann::json eavesdropper_to_json(const EavesdropperView& view);

/// The view for a terminal: one line per step, readable lines indented below, secrets marked.
std::string eavesdropper_to_text(const EavesdropperView& view);

}  // namespace hl
