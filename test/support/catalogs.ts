/** Tests speak both languages, as the lab and the CLI do: each catalog registers itself on import (src/i18n/catalog.ts). */
import '../../src/i18n/catalogEn.ts';
import '../../src/i18n/zhCatalog.ts';
