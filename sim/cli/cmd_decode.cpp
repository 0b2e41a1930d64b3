// `handshake-lab decode`: decodes TLS records given as hex or a binary file.
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/export/field_json.hpp"
#include "core/export/field_text.hpp"
#include "core/wire/decode.hpp"

namespace hl::cli {
namespace {

struct DecodeOptions {
  std::vector<std::string> hex;
  std::string file;
  std::string format = "text";
  bool explain = false;
};

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// Hex words to bytes; spaces, colons and newlines are ignored. Throws UsageError on bad input.
Bytes parse_hex(const std::vector<std::string>& words) {
  std::string digits;
  for (const auto& word : words) {
    for (char ch : word) {
      if (std::isspace(static_cast<unsigned char>(ch)) || ch == ':') continue;
      if (hex_digit(ch) < 0) throw UsageError{std::string("decode: '") + ch + "' is not a hex digit"};
      digits.push_back(ch);
    }
  }
  if (digits.empty()) throw UsageError{"decode: the hex input is empty"};
  if (digits.size() % 2 != 0)
    throw UsageError{"decode: odd number of hex digits (" + std::to_string(digits.size()) + "); each byte needs two"};
  Bytes bytes(digits.size() / 2);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<std::uint8_t>(hex_digit(digits[2 * i]) * 16 + hex_digit(digits[2 * i + 1]));
  return bytes;
}

// A TLS capture worth decoding by hand is far below this; the cap keeps /dev/zero from eating memory.
constexpr std::size_t kMaxInputLen = 16 * 1024 * 1024;

Bytes read_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw UsageError{"decode: " + path + " is a directory, not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"decode: cannot open " + path};
  Bytes bytes;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.insert(bytes.end(), chunk, chunk + in.gcount());
    if (bytes.size() > kMaxInputLen) throw UsageError{"decode: " + path + " is larger than 16 MiB"};
  }
  if (bytes.empty()) throw UsageError{"decode: " + path + " is empty"};
  return bytes;
}

Bytes input_bytes(const DecodeOptions& options) {
  if (!options.file.empty() && !options.hex.empty()) throw UsageError{"decode: give HEX or --file, not both"};
  if (!options.file.empty()) return read_file(options.file);
  if (options.hex.empty()) throw UsageError{"decode: no input; give hex bytes or --file PATH"};
  return parse_hex(options.hex);
}

// Malformed input still prints what decoded and succeeds: the malformed nodes say what broke.
int run_decode(const DecodeOptions& options) {
  Bytes bytes = input_bytes(options);
  std::vector<Field> records = wire::decode_records(bytes);
  std::string text = options.format == "json"
                         ? nlohmann::json{{"records", fields_to_json(records)}}.dump(2) + "\n"
                         : fields_to_text(records, 0, options.explain);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kOk;
}

void add_decode_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<DecodeOptions>();
  CLI::App* cmd = app.add_subcommand("decode", "Decode TLS records given as hex or in a binary file");
  cmd->add_option("hex", options->hex, "Record bytes in hex (spaces, colons and newlines are ignored)");
  cmd->add_option("--file", options->file, "Read the records from this binary file");
  cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_flag("--explain", options->explain, "Text format: print each field's explanation under it");
  cmd->callback([options, &out_status] { out_status = run_decode(*options); });
}

const CommandRegistration registration{30, add_decode_command};

}  // namespace
}  // namespace hl::cli
