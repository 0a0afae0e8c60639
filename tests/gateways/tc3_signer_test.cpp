#include "gateways/sms/tc3_signer.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

// The worked example of Tencent Cloud's API documentation, "Signature v3" (the TC3-HMAC-SHA256
// page repeated in every product's API reference, e.g. tencentcloud.com/document/api/1150/49447):
// a CVM DescribeInstances POST at 1551113065 with the documentation's example key pair. The
// payload hash, the canonical request's hash and the signature are the values that page
// prints for each step (re-checked with Python's hmac/hashlib when this test was written).
Tc3SigningInput DocumentedExample() {
  return {.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
          .secret_key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
          .service = "cvm",
          .host = "cvm.tencentcloudapi.com",
          .content_type = "application/json; charset=utf-8",
          .payload = R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], )"
                     R"("Name": "instance-name"}]})",
          .timestamp = 1551113065};
}

TEST(Tc3Signer, HashesThePayloadAsTheDocumentedExample) {
  EXPECT_EQ(Sha256Hex(DocumentedExample().payload),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
}

TEST(Tc3Signer, BuildsTheDocumentedCanonicalRequest) {
  EXPECT_EQ(Tc3CanonicalRequest(DocumentedExample()),
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
            "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
}

TEST(Tc3Signer, BuildsTheDocumentedStringToSign) {
  EXPECT_EQ(Tc3StringToSign(DocumentedExample()),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
}

TEST(Tc3Signer, ProducesTheDocumentedAuthorization) {
  EXPECT_EQ(Tc3Authorization(DocumentedExample()),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/"
            "tc3_request, SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
}

// 1551113065 is 2019-02-26 00:44:25 in Beijing: the scope must use the UTC date, 2019-02-25.
TEST(Tc3Signer, DatesTheScopeInUtcNotBeijingTime) {
  EXPECT_EQ(Tc3UtcDate(1551113065), "2019-02-25");
  EXPECT_EQ(Tc3UtcDate(0), "1970-01-01");
  EXPECT_EQ(Tc3UtcDate(1709251199), "2024-02-29");
}

TEST(Tc3Signer, SignatureChangesWithTheKeyTheBodyAndTheHost) {
  const std::string base = Tc3Authorization(DocumentedExample());
  Tc3SigningInput other = DocumentedExample();
  other.secret_key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLF";
  EXPECT_NE(Tc3Authorization(other), base);
  other = DocumentedExample();
  other.payload = R"({"Limit": 2})";
  EXPECT_NE(Tc3Authorization(other), base);
  other = DocumentedExample();
  other.host = "cvm.tencentcloudapi.com:8443";
  EXPECT_NE(Tc3Authorization(other), base);
}

// An independent value for an SMS request (service "sms", a Chinese sign name in the body, a
// host with a port as the tests' fake has), computed with Python's hmac and hashlib:
//   date = "2024-05-01"; scope = date + "/sms/tc3_request"
//   canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
//               "host:127.0.0.1:8080\n\ncontent-type;host\n" + sha256(body).hexdigest()
//   k = hmac("TC3" + key, date); k = hmac(k, "sms"); k = hmac(k, "tc3_request")
//   hmac(k, "TC3-HMAC-SHA256\n1714521600\n" + scope + "\n" + sha256(canonical).hexdigest())
TEST(Tc3Signer, SignsAnSmsRequestAsAnIndependentImplementationDoes) {
  const Tc3SigningInput input{
      .secret_id = "AKIDtest",
      .secret_key = "test-secret-key",
      .service = "sms",
      .host = "127.0.0.1:8080",
      .content_type = "application/json; charset=utf-8",
      .payload = R"({"PhoneNumberSet":["+8613987654321"],"SmsSdkAppId":"1400000001",)"
                 R"("SignName":"某某工会","TemplateId":"1234567","TemplateParamSet":["4370"]})",
      .timestamp = 1714521600};
  EXPECT_EQ(Tc3Authorization(input),
            "TC3-HMAC-SHA256 Credential=AKIDtest/2024-05-01/sms/tc3_request, "
            "SignedHeaders=content-type;host, "
            "Signature=ea80b124a6e0ad1c76e8374e0f7ec21e898a846cd36ea131917cc108fc561b41");
}

}  // namespace
}  // namespace yz
