#include "profiledesk/core/default_schema.hpp"

#include "profiledesk/core/schema_parser.hpp"

#include <stdexcept>

namespace profiledesk::core {

// The default schema. Choices worth knowing:
//   - display_title and city are single lines of at most 100 characters;
//     bio is multi-line, at most 500 (the limit Auth0 itself puts on signup
//     metadata strings, docs/auth0.md#metadata-limits);
//   - every text people read is given in the languages the app ships
//     (core/languages.hpp: en, fr, de, es, ja, ar; localized_text.hpp), so
//     the form speaks the person's language; a text without a language's
//     entry (the birthday's placeholder in ja and ar) shows in English;
//   - pronouns and language are closed lists (language codes are BCP 47,
//     the language's labels in the language itself, the same in every
//     language; ja and ar are there since the app ships them);
//   - timezone is an IANA zone name checked by pattern rather than an enum of
//     ~400 names the Wasm binary would carry;
//   - birthday starts at 1900-01-01; "not in the future" needs a clock, which
//     core/ does not have;
//   - nothing is required: a person never has to fill in metadata to save.
std::string_view default_schema_json() {
    static constexpr std::string_view text = R"json({
  "version": 1,
  "groups": [
    {"id": "about", "label": {"en": "About you", "fr": "À propos de vous", "de": "Über Sie", "es": "Sobre ti",
                              "ja": "あなたについて", "ar": "عنك"}},
    {"id": "contact", "label": {"en": "Contact", "fr": "Contact", "de": "Kontakt", "es": "Contacto",
                                "ja": "連絡先", "ar": "معلومات الاتصال"}},
    {"id": "preferences", "label": {"en": "Preferences", "fr": "Préférences", "de": "Einstellungen",
                                    "es": "Preferencias", "ja": "設定", "ar": "التفضيلات"}}
  ],
  "fields": [
    {"key": "display_title", "type": "string", "max_length": 100, "group": "about",
     "label": {"en": "Title", "fr": "Titre", "de": "Titel", "es": "Título", "ja": "肩書き", "ar": "اللقب"},
     "help": {"en": "Shown under your name, for example your role.",
              "fr": "Affiché sous votre nom, par exemple votre rôle.",
              "de": "Wird unter Ihrem Namen angezeigt, zum Beispiel Ihre Rolle.",
              "es": "Se muestra debajo de tu nombre, por ejemplo tu puesto.",
              "ja": "名前の下に表示されます（例：役職）。",
              "ar": "يظهر تحت اسمك، مثل دورك في العمل."},
     "placeholder": {"en": "Product designer", "fr": "Designer produit", "de": "Produktdesignerin",
                     "es": "Diseñadora de producto", "ja": "プロダクトデザイナー", "ar": "مصممة منتجات"}},
    {"key": "bio", "type": "text", "max_length": 500, "group": "about",
     "label": {"en": "About me", "fr": "À propos de moi", "de": "Über mich", "es": "Sobre mí", "ja": "自己紹介",
               "ar": "نبذة عني"},
     "help": {"en": "A few words about yourself. At most 500 characters.",
              "fr": "Quelques mots sur vous. 500 caractères au plus.",
              "de": "Ein paar Worte über Sie. Höchstens 500 Zeichen.",
              "es": "Unas palabras sobre ti. Como máximo 500 caracteres.",
              "ja": "あなたについてひとこと。500文字まで。",
              "ar": "بضع كلمات عن نفسك، 500 حرف على الأكثر."}},
    {"key": "pronouns", "type": "enum", "group": "about",
     "label": {"en": "Pronouns", "fr": "Pronoms", "de": "Pronomen", "es": "Pronombres", "ja": "代名詞",
               "ar": "الضمائر"},
     "options": [
       {"value": "she/her", "label": {"en": "she/her", "fr": "elle", "de": "sie/ihr", "es": "ella", "ja": "彼女",
                                      "ar": "هي"}},
       {"value": "he/him", "label": {"en": "he/him", "fr": "il", "de": "er/ihm", "es": "él", "ja": "彼",
                                     "ar": "هو"}},
       {"value": "they/them", "label": {"en": "they/them", "fr": "iel", "de": "they/them", "es": "elle",
                                        "ja": "they/them", "ar": "هم"}},
       {"value": "name", "label": {"en": "Use my name", "fr": "Utiliser mon prénom", "de": "Meinen Namen verwenden",
                                   "es": "Usar mi nombre", "ja": "名前で呼んでください", "ar": "استخدم اسمي"}}]},
    {"key": "birthday", "type": "date", "min": "1900-01-01", "group": "about",
     "label": {"en": "Birthday", "fr": "Date de naissance", "de": "Geburtstag", "es": "Cumpleaños",
               "ja": "誕生日", "ar": "تاريخ الميلاد"},
     "placeholder": {"en": "YYYY-MM-DD", "fr": "AAAA-MM-JJ", "de": "JJJJ-MM-TT", "es": "AAAA-MM-DD"}},
    {"key": "phone", "type": "phone", "group": "contact",
     "label": {"en": "Phone", "fr": "Téléphone", "de": "Telefon", "es": "Teléfono", "ja": "電話番号",
               "ar": "الهاتف"},
     "help": {"en": "In international format, starting with + and the country code.",
              "fr": "Au format international, en commençant par + et l'indicatif du pays.",
              "de": "Im internationalen Format, beginnend mit + und der Ländervorwahl.",
              "es": "En formato internacional, empezando por + y el código del país.",
              "ja": "国際形式で、+ と国番号から入力してください。",
              "ar": "بالصيغة الدولية، تبدأ بعلامة + ورمز البلد."},
     "placeholder": "+44 20 7946 0958"},
    {"key": "website", "type": "url", "group": "contact", "placeholder": "https://example.com",
     "label": {"en": "Website", "fr": "Site web", "de": "Website", "es": "Sitio web", "ja": "ウェブサイト",
               "ar": "الموقع الإلكتروني"}},
    {"key": "city", "type": "string", "max_length": 100, "group": "contact",
     "label": {"en": "City", "fr": "Ville", "de": "Stadt", "es": "Ciudad", "ja": "市区町村", "ar": "المدينة"}},
    {"key": "language", "type": "enum", "group": "preferences",
     "label": {"en": "Language", "fr": "Langue", "de": "Sprache", "es": "Idioma", "ja": "言語", "ar": "اللغة"},
     "options": [
       {"value": "en", "label": "English"}, {"value": "de", "label": "Deutsch"},
       {"value": "es", "label": "Español"}, {"value": "fr", "label": "Français"},
       {"value": "it", "label": "Italiano"}, {"value": "nl", "label": "Nederlands"},
       {"value": "pt", "label": "Português"}, {"value": "sv", "label": "Svenska"},
       {"value": "ja", "label": "日本語"}, {"value": "ar", "label": "العربية"}]},
    {"key": "timezone", "type": "string", "max_length": 64, "group": "preferences",
     "label": {"en": "Time zone", "fr": "Fuseau horaire", "de": "Zeitzone", "es": "Zona horaria",
               "ja": "タイムゾーン", "ar": "المنطقة الزمنية"},
     "pattern": "UTC|[A-Z][A-Za-z]+/[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)?",
     "pattern_message": {
       "en": "Enter a time zone name, like Europe/London or America/New_York.",
       "fr": "Saisissez le nom d'un fuseau horaire, comme Europe/Paris ou America/New_York.",
       "de": "Geben Sie den Namen einer Zeitzone ein, etwa Europe/Berlin oder America/New_York.",
       "es": "Escribe el nombre de una zona horaria, como Europe/Madrid o America/New_York.",
       "ja": "Asia/Tokyo や America/New_York のようなタイムゾーン名を入力してください。",
       "ar": "أدخل اسم منطقة زمنية، مثل Asia/Riyadh أو America/New_York."},
     "placeholder": "Europe/London"},
    {"key": "newsletter", "type": "bool", "group": "preferences",
     "label": {"en": "Send me the newsletter", "fr": "M'envoyer la lettre d'information",
               "de": "Newsletter an mich senden", "es": "Enviarme el boletín", "ja": "ニュースレターを受け取る",
               "ar": "أرسل لي النشرة الإخبارية"}}
  ]
})json";
    return text;
}

field_schema default_schema(pattern_compiler compile) {
    auto result = parse_schema(default_schema_json(), compile);
    if (!result.ok()) throw std::logic_error("the built-in default schema is invalid: " + result.errors.front());
    return std::move(*result.schema);
}

}  // namespace profiledesk::core
