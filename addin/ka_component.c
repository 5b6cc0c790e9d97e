/* ka_component.c - the shared library's entry points: the implementation
 * table and one generic factory (XSingleComponentFactory) for all of them.
 *
 * The library lives in the binary UNO environment ("uno"): LibreOffice's
 * loader calls component_getFactory there and bridges the returned
 * uno_Interface to C++ itself (see docs/architecture.md). */
#include "ka_addin.h"
#include "ka_sidebar.h"
#include "ka_uno.h"

#include <stdlib.h>
#include <string.h>

#define KA_EXPORT __attribute__((visibility("default")))

typedef uno_Interface *(*create_fn)(uno_Interface *context);

typedef struct implementation {
    const char *name;
    const char *const *services;
    create_fn create;
} implementation;

static const implementation implementations[] = {
    {KA_ADDIN_IMPL, ka_addin_services, ka_addin_new},
    {KA_PANEL_FACTORY_IMPL, ka_panel_factory_services, ka_panel_factory_new},
    {NULL, NULL, NULL}};

typedef struct factory {
    ka_uno_object base;
    const implementation *impl;
} factory;

static void create_instance(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                            void *args[], uno_Any **exc)
{
    const implementation *impl = ((factory *)self)->impl;
    char name[64];
    ka_uno_member_name(m, name, sizeof name);
    /* createInstanceWithContext(ctx) or createInstanceWithArgumentsAndContext(args, ctx) */
    uno_Interface *ctx = *(uno_Interface **)args[strcmp(name, "createInstanceWithContext") ? 1 : 0];
    uno_Interface *obj = impl->create(ctx);
    if (!obj) {
        ka_uno_throw(exc, KA_UNO_RUNTIME, "out of memory");
        return;
    }
    *(uno_Interface **)ret = obj; /* the new reference goes to the caller */
}

static void factory_impl_name(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                              void *args[], uno_Any **exc)
{
    ka_uno_return_string(ret, ((factory *)self)->impl->name);
}

static void factory_supports(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    char *name = ka_uno_string_utf8(*(rtl_uString **)args[0], NULL);
    sal_Bool yes = 0;
    for (const char *const *s = ((factory *)self)->impl->services; name && *s; s++)
        if (strcmp(*s, name) == 0)
            yes = 1;
    free(name);
    *(sal_Bool *)ret = yes;
}

static void factory_services(ka_uno_object *self, const typelib_TypeDescription *m, void *ret,
                             void *args[], uno_Any **exc)
{
    const char *const *services = ((factory *)self)->impl->services;
    size_t n = 0;
    while (services[n])
        n++;
    ka_uno_return_strings(ret, services, n);
}

static const char *const factory_interfaces[] = {"com.sun.star.lang.XSingleComponentFactory",
                                                 "com.sun.star.lang.XServiceInfo", NULL};

static const ka_uno_method factory_methods[] = {
    {"createInstanceWithContext", create_instance},
    {"createInstanceWithArgumentsAndContext", create_instance},
    {"getImplementationName", factory_impl_name},
    {"supportsService", factory_supports},
    {"getSupportedServiceNames", factory_services},
    {NULL, NULL}};

static const ka_uno_class factory_class = {"org.keyaccount.calc.Factory", factory_interfaces,
                                           factory_methods, NULL, NULL};

KA_EXPORT void component_getImplementationEnvironment(const char **env_type_name, void **env)
{
    *env_type_name = "uno";
    (void)env;
}

KA_EXPORT void *component_getFactory(const char *impl_name, void *service_manager,
                                     void *registry_key)
{
    ka_uno_trace("component_getFactory(%s)", impl_name);
    for (const implementation *impl = implementations; impl->name; impl++) {
        if (strcmp(impl->name, impl_name) != 0)
            continue;
        factory *f = calloc(1, sizeof *f);
        if (!f)
            return NULL;
        ka_uno_object_init(&f->base, &factory_class);
        f->impl = impl;
        return &f->base.iface;
    }
    return NULL;
}
