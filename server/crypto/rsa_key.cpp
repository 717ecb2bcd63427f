#include "crypto/rsa_key.hpp"

#include "crypto/openssl_error.hpp"
#include "profiledesk/core/base64.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

namespace profiledesk::crypto {
namespace {

constexpr int min_bits = 2048;
constexpr int max_bits = 16384;  // OpenSSL's own ceiling for RSA moduli
constexpr std::size_t max_pem_size = 64 * 1024;

// Owners for OpenSSL objects, so every early return and throw frees them.
struct bio_free {
    void operator()(BIO* p) const { BIO_free(p); }
};
struct bn_free {
    void operator()(BIGNUM* p) const { BN_free(p); }
};
struct pkey_ctx_free {
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct md_ctx_free {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct param_bld_free {
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct params_free {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using bio_ptr = std::unique_ptr<BIO, bio_free>;
using bn_ptr = std::unique_ptr<BIGNUM, bn_free>;
using pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, pkey_ctx_free>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, md_ctx_free>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* pkey) { return std::shared_ptr<EVP_PKEY>(pkey, EVP_PKEY_free); }

bio_ptr read_bio(std::string_view pem) {
    if (pem.size() > max_pem_size) throw std::runtime_error("PEM too large");
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) throw_openssl_error("BIO_new_mem_buf");
    return bio;
}

std::string drain(BIO* bio) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(len));
}

// An encrypted PEM must fail, not make OpenSSL prompt on the terminal.
int no_passphrase(char*, int, int, void*) { return 0; }

// Only plain RSA keys: RSA-PSS, EC or anything else is a configuration error.
void require_rsa(EVP_PKEY* pkey) {
    if (!EVP_PKEY_is_a(pkey, "RSA")) throw std::runtime_error("not an RSA key");
    const int bits = EVP_PKEY_get_bits(pkey);
    if (bits < min_bits || bits > max_bits) throw std::runtime_error("RSA key size out of range");
}

std::string bn_param(EVP_PKEY* pkey, const char* name) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) throw_openssl_error("EVP_PKEY_get_bn_param");
    const bn_ptr bn(raw);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
    BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));  // big-endian, minimal
    return bytes;
}

// A JWK member holding a base64url big-endian unsigned integer.
bn_ptr jwk_integer(const nlohmann::json& jwk, const char* name) {
    const auto it = jwk.find(name);
    if (it == jwk.end() || !it->is_string()) {
        throw std::runtime_error(std::string("JWK: ") + name + " missing or not a string");
    }
    const auto bytes = core::base64url_decode(it->get_ref<const std::string&>());
    if (!bytes || bytes->empty() || bytes->size() > max_bits / 8) {
        throw std::runtime_error(std::string("JWK: ") + name + " is not a base64url integer");
    }
    bn_ptr bn(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()), static_cast<int>(bytes->size()), nullptr));
    if (!bn) throw_openssl_error("BN_bin2bn");
    return bn;
}

}  // namespace

rsa_key::rsa_key(std::shared_ptr<evp_pkey_st> pkey, bool has_private)
    : pkey_(std::move(pkey)), has_private_(has_private) {}

evp_pkey_st* rsa_key::get() const {
    if (!pkey_) throw std::logic_error("rsa_key: use of a moved-from key");
    return pkey_.get();
}

rsa_key rsa_key::generate(int bits) {
    if (bits < min_bits || bits > max_bits) throw std::invalid_argument("rsa_key::generate: bits out of range");
    EVP_PKEY* pkey = EVP_RSA_gen(static_cast<unsigned int>(bits));
    if (!pkey) throw_openssl_error("RSA key generation");
    return rsa_key(own(pkey), true);
}

rsa_key rsa_key::from_private_pem(std::string_view pem) {
    const auto bio = read_bio(pem);
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
    if (!pkey) throw_openssl_error("reading a private key PEM");
    auto owned = own(pkey);
    require_rsa(pkey);
    return rsa_key(std::move(owned), true);
}

rsa_key rsa_key::from_public_pem(std::string_view pem) {
    const auto bio = read_bio(pem);
    EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr);
    if (!pkey) throw_openssl_error("reading a public key PEM");
    auto owned = own(pkey);
    require_rsa(pkey);
    return rsa_key(std::move(owned), false);
}

rsa_key rsa_key::from_jwk(const nlohmann::json& jwk) {
    if (!jwk.is_object()) throw std::runtime_error("JWK: not an object");
    const auto kty = jwk.find("kty");
    if (kty == jwk.end() || *kty != "RSA") throw std::runtime_error("JWK: kty is not RSA");
    const bn_ptr n = jwk_integer(jwk, "n");
    const bn_ptr e = jwk_integer(jwk, "e");
    const int n_bits = BN_num_bits(n.get());
    if (n_bits < min_bits || n_bits > max_bits) throw std::runtime_error("JWK: RSA modulus size out of range");

    const std::unique_ptr<OSSL_PARAM_BLD, param_bld_free> bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
        throw_openssl_error("OSSL_PARAM_BLD");
    }
    const std::unique_ptr<OSSL_PARAM, params_free> params(OSSL_PARAM_BLD_to_param(bld.get()));
    const pkey_ctx_ptr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        throw_openssl_error("JWK: EVP_PKEY_fromdata");
    }
    auto owned = own(pkey);
    // fromdata takes n and e as given; the public check refuses an even n, an
    // even or tiny e, and other keys no honest provider would publish.
    const pkey_ctx_ptr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) throw_openssl_error("JWK: RSA public key check");
    return rsa_key(std::move(owned), false);
}

std::string rsa_key::private_pem() const {
    if (!has_private_) throw std::logic_error("rsa_key: no private key");
    const bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw_openssl_error("writing a private key PEM");
    }
    return drain(bio.get());
}

std::string rsa_key::public_pem() const {
    const bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), get()) != 1) throw_openssl_error("writing a public key PEM");
    return drain(bio.get());
}

nlohmann::json rsa_key::public_jwk(const std::string& kid) const {
    return {
        {"kty", "RSA"},
        {"use", "sig"},
        {"alg", "RS256"},
        {"kid", kid},
        {"n", core::base64url_encode(bn_param(get(), OSSL_PKEY_PARAM_RSA_N))},
        {"e", core::base64url_encode(bn_param(get(), OSSL_PKEY_PARAM_RSA_E))},
    };
}

std::string rsa_key::sign_rs256(std::string_view data) const {
    if (!has_private_) throw std::logic_error("rsa_key: signing needs the private key");
    const md_ctx_ptr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
    std::size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
            1) {
        throw_openssl_error("RS256 signing");
    }
    std::string signature(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
        throw_openssl_error("RS256 signing");
    }
    signature.resize(len);
    return signature;
}

bool rsa_key::verify_rs256(std::string_view data, std::string_view signature) const {
    // RFC 7518 3.3 and PKCS#1: the signature is exactly as long as the modulus.
    if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(get()))) return false;
    const md_ctx_ptr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) {
        throw_openssl_error("RS256 verification setup");
    }
    const bool ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                     signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                                     data.size()) == 1;
    clear_openssl_errors();  // a bad signature queues an error we have handled
    return ok;
}

int rsa_key::bits() const { return EVP_PKEY_get_bits(get()); }

}  // namespace profiledesk::crypto
