// Ladder titles in a narrow ladder: the usual abbreviations, so a row says "CH" rather than nothing.
#include <catch2/catch.hpp>

#include "app/short_title.hpp"

using hl::app::short_title;

TEST_CASE("message names become their usual abbreviations") {
  CHECK(short_title("ClientHello") == "CH");
  CHECK(short_title("EncryptedExtensions") == "EE");
  CHECK(short_title("CertificateVerify") == "CV");
  CHECK(short_title("ServerHello, Certificate, ServerKeyExchange, ServerHelloDone") == "SH,Cert,SKE,SHD");
}

TEST_CASE("notes in parentheses go; names the table lacks stay") {
  CHECK(short_title("Application Data (GET /)") == "Data");
  CHECK(short_title("Alert (close_notify)") == "Alert");
  CHECK(short_title("EHLO client.example.com") == "EHLO client.example.com");
  CHECK(short_title("250 (capabilities)") == "250");
}

TEST_CASE("odd titles give sane short ones") {
  CHECK(short_title("") == "");
  CHECK(short_title("(only a note)") == "(only a note)");  // nothing would be left: keep the title
  CHECK(short_title("a (b (c) d) e") == "a  e");
  CHECK(short_title("x)") == "x)");
  CHECK(short_title(", ,Finished,") == "Fin");
}
