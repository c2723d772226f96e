//! The sections of the form, as data: every column, fixed row and rule.

use super::{Columna, Forma, Regla, Seccion, Tipo, c, en, req, sn};

use Tipo::*;

const LINK: &str = "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PÁG. WEB DE LA INSTITUCIÓN";
const SI_NO: &str = "PONGA SI O NO";

const PERSONA: &[Columna] = &[
    req(c("nombre", "NOMBRE", Texto)),
    req(c("cargo", "CARGO", Texto)),
    c("fecha_designacion", "FECHA DE DESIGNACIÓN", Fecha),
    c("correo", "CORREO ELECTRÓNICO", Texto),
    c("telefonos", "TELÉFONOS", Texto),
];

const MECANISMO: [Columna; 3] = [
    req(c("implementado", SI_NO, SiNo)),
    c(
        "numero",
        "NÚMERO DE MECANISMOS IMPLEMENTADOS EN EL AÑO",
        Entero,
    ),
    c("enlace", LINK, Enlace),
];

/// Every answered section, in the order of the form.
pub(crate) const SECCIONES: &[Seccion] = &[
    Seccion {
        clave: "datos_generales",
        titulo: "DATOS GENERALES",
        forma: Forma::Ficha,
        columnas: &[
            c("nombre_unidad", "NOMBRE DE LA UNIDAD", Texto),
            c("pertenece_a", "PERTENECE A QUÉ INSTITUCIÓN", Texto),
            c("adscrita_a", "ADSCRITA A QUÉ INSTITUCIÓN", Texto),
            req(c("funcion", "FUNCIÓN A LA QUE PERTENECE", Texto)),
            c("sector", "SECTOR", Texto),
            req(c("nivel", "NIVEL QUE RINDE CUENTAS", Texto)),
            c("provincia", "PROVINCIA", Texto),
            c("canton", "CANTÓN", Texto),
            c("parroquia", "PARROQUIA", Texto),
            c("direccion", "DIRECCIÓN", Texto),
            c("correo", "CORREO ELECTRÓNICO", Texto),
            c("pagina_web", "PÁGINA WEB", Enlace),
            c("telefonos", "TELÉFONOS", Texto),
            c("ruc", "N.º RUC", Texto),
            c(
                "enlace_presupuesto",
                "LINK A LA EJECUCIÓN PRESUPUESTARIA",
                Enlace,
            ),
        ],
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "representante_legal",
        titulo: "REPRESENTANTE LEGAL DE LA UNIDAD DE ADMINISTRACIÓN FINANCIERA",
        forma: Forma::Ficha,
        columnas: PERSONA,
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "responsable_proceso",
        titulo: "RESPONSABLE DEL PROCESO DE RENDICIÓN DE CUENTAS",
        forma: Forma::Ficha,
        columnas: PERSONA,
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "responsable_registro",
        titulo: "RESPONSABLE DEL REGISTRO DEL INFORME DE RENDICIÓN DE CUENTAS EN EL SISTEMA",
        forma: Forma::Ficha,
        columnas: PERSONA,
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "cobertura",
        titulo: "COBERTURA TERRITORIAL",
        forma: Forma::Tabla,
        columnas: &[
            c("cobertura", "COBERTURA", Etiqueta),
            c("unidades", "N.º DE UNIDADES", Entero),
            sn(c("descripcion", "DESCRIPCIÓN DE LA COBERTURA", Texto)),
        ],
        filas_fijas: &[
            &["NACIONAL"],
            &["ZONAL"],
            &["PROVINCIAL"],
            &["CANTONAL"],
            &["PARROQUIAL"],
            &["INSTITUCIONAL"],
        ],
        reglas: &[],
    },
    Seccion {
        clave: "planificacion_participativa",
        titulo: "PARTICIPACIÓN CIUDADANA: PLANIFICACIÓN PARTICIPATIVA",
        forma: Forma::Tabla,
        columnas: &[
            c("pregunta", "PLANIFICACIÓN PARTICIPATIVA", Etiqueta),
            req(c("respuesta", SI_NO, SiNo)),
            c("enlace", "MEDIOS DE VERIFICACIÓN", Enlace),
        ],
        filas_fijas: &[&[
            "SE HAN IMPLEMENTADO MECANISMOS DE PARTICIPACIÓN CIUDADANA PARA LA FORMULACIÓN DE POLÍTICAS Y PLANES INSTITUCIONALES",
        ]],
        reglas: &[Regla::EnlaceSegun {
            si_no: "respuesta",
            enlace: "enlace",
        }],
    },
    Seccion {
        clave: "participacion",
        titulo: "MECANISMOS DE PARTICIPACIÓN CIUDADANA",
        forma: Forma::Tabla,
        columnas: &[
            c(
                "mecanismo",
                "MECANISMOS DE PARTICIPACIÓN CIUDADANA",
                Etiqueta,
            ),
            MECANISMO[0],
            MECANISMO[1],
            MECANISMO[2],
        ],
        filas_fijas: &[
            &["AUDIENCIA PÚBLICA"],
            &["CONSEJOS CONSULTIVOS"],
            &["DIÁLOGOS PERIÓDICOS DE DELIBERACIÓN"],
            &["AGENDA PÚBLICA DE CONSULTA A LA CIUDADANÍA"],
            &["CONSEJO CIUDADANO SECTORIAL"],
            &["OTROS"],
        ],
        reglas: &[
            Regla::EnlaceSegun {
                si_no: "implementado",
                enlace: "enlace",
            },
            Regla::NumeroSegun {
                si_no: "implementado",
                numero: "numero",
            },
        ],
    },
    Seccion {
        clave: "control_social",
        titulo: "MECANISMOS DE CONTROL SOCIAL",
        forma: Forma::Tabla,
        columnas: &[
            c(
                "mecanismo",
                "MECANISMOS DE CONTROL SOCIAL GENERADOS POR LA COMUNIDAD",
                Etiqueta,
            ),
            MECANISMO[0],
            c("numero", "NÚMERO DE MECANISMOS", Entero),
            MECANISMO[2],
        ],
        filas_fijas: &[
            &["VEEDURÍAS CIUDADANAS"],
            &["OBSERVATORIOS CIUDADANOS"],
            &["DEFENSORÍAS COMUNITARIAS"],
            &["COMITÉS DE USUARIOS DE SERVICIOS"],
            &["OTROS"],
        ],
        reglas: &[
            Regla::EnlaceSegun {
                si_no: "implementado",
                enlace: "enlace",
            },
            Regla::NumeroSegun {
                si_no: "implementado",
                numero: "numero",
            },
        ],
    },
    Seccion {
        clave: "fases",
        titulo: "PROCESO DE RENDICIÓN DE CUENTAS",
        forma: Forma::Tabla,
        columnas: &[
            c("fase", "FASE", Etiqueta),
            c(
                "paso",
                "PASOS DEL PROCESO DE RENDICIÓN DE CUENTAS",
                Etiqueta,
            ),
            req(c("realizado", SI_NO, SiNo)),
            sn(c(
                "descripcion",
                "DESCRIBA LA EJECUCIÓN DE LOS PASOS",
                Texto,
            )),
            c("enlace", LINK, Enlace),
        ],
        filas_fijas: &[
            &["FASE 0", "CONFORMACIÓN DEL EQUIPO DE RENDICIÓN DE CUENTAS"],
            &[
                "FASE 0",
                "DISEÑO DE LA PROPUESTA DEL PROCESO DE RENDICIÓN DE CUENTAS",
            ],
            &["FASE 1", "EVALUACIÓN DE LA GESTIÓN INSTITUCIONAL:"],
            &[
                "FASE 1",
                "LLENADO DEL FORMULARIO DE INFORME DE RENDICIÓN DE CUENTAS ESTABLECIDO POR EL CPCCS",
            ],
            &["FASE 1", "REDACCIÓN DEL INFORME DE RENDICIÓN DE CUENTAS"],
            &[
                "FASE 1",
                "SOCIALIZACIÓN INTERNA Y APROBACIÓN DEL INFORME DE RENDICIÓN DE CUENTAS POR PARTE DE LOS RESPONSABLES",
            ],
            &[
                "FASE 2",
                "DIFUSIÓN DEL INFORME DE RENDICIÓN DE CUENTAS A TRAVÉS DE DISTINTOS MEDIOS",
            ],
            &["FASE 2", "PLANIFICACIÓN DE LOS EVENTOS PARTICIPATIVOS"],
            &[
                "FASE 2",
                "REALIZACIÓN DEL EVENTO DE RENDICIÓN DE CUENTAS A LA CIUDADANÍA",
            ],
            &[
                "FASE 2",
                "RINDIÓ CUENTAS A LA CIUDADANÍA EN LA PLAZO ESTABLECIDO",
            ],
            &[
                "FASE 2",
                "INCORPORACIÓN DE LOS APORTES CIUDADANOS EN EL INFORME DE RENDICIÓN DE CUENTAS",
            ],
            &[
                "FASE 3",
                "ENTREGA DEL INFORME DE RENDICIÓN DE CUENTAS AL CPCCS, A TRAVÉS DEL INGRESO DEL INFORME EN EL SISTEMA VIRTUAL",
            ],
        ],
        reglas: &[Regla::EnlaceSegun {
            si_no: "realizado",
            enlace: "enlace",
        }],
    },
    Seccion {
        clave: "aportes_ciudadanos",
        titulo: "DESCRIBA LOS PRINCIPALES APORTES CIUDADANOS RECIBIDOS",
        forma: Forma::Ficha,
        columnas: &[sn(c(
            "descripcion",
            "DESCRIBA LOS PRINCIPALES APORTES CIUDADANOS RECIBIDOS",
            Texto,
        ))],
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "deliberacion",
        titulo: "DATOS DE LA DELIBERACIÓN PÚBLICA Y EVALUACIÓN CIUDADANA DE RENDICIÓN DE CUENTAS",
        forma: Forma::Tabla,
        columnas: &[
            req(c(
                "fecha",
                "FECHA EN QUE SE REALIZÓ LA RENDICIÓN DE CUENTAS ANTE LA CIUDADANÍA",
                Fecha,
            )),
            req(c("usuarios", "N.º DE USUARIOS", Entero)),
            en(
                "NO. DE USUARIOS POR GÉNERO",
                c("masculino", "MASCULINO", Entero),
            ),
            en(
                "NO. DE USUARIOS POR GÉNERO",
                c("femenino", "FEMENINO", Entero),
            ),
            en("NO. DE USUARIOS POR GÉNERO", c("glbti", "GLBTI", Entero)),
            en(
                "NO. DE USUARIOS POR PUEBLOS Y NACIONALIDADES",
                c("montubio", "MONTUBIO", Entero),
            ),
            en(
                "NO. DE USUARIOS POR PUEBLOS Y NACIONALIDADES",
                c("mestizo", "MESTIZO", Entero),
            ),
            en(
                "NO. DE USUARIOS POR PUEBLOS Y NACIONALIDADES",
                c("cholo", "CHOLO", Entero),
            ),
            en(
                "NO. DE USUARIOS POR PUEBLOS Y NACIONALIDADES",
                c("indigena", "INDÍGENA", Entero),
            ),
            en(
                "NO. DE USUARIOS POR PUEBLOS Y NACIONALIDADES",
                c("afroecuatoriano", "AFROECUATORIANO", Entero),
            ),
        ],
        filas_fijas: &[],
        reglas: &[
            Regla::Suma {
                total: "usuarios",
                partes: &["masculino", "femenino", "glbti"],
            },
            Regla::Suma {
                total: "usuarios",
                partes: &[
                    "montubio",
                    "mestizo",
                    "cholo",
                    "indigena",
                    "afroecuatoriano",
                ],
            },
        ],
    },
    Seccion {
        clave: "compromisos",
        titulo: "INCORPORACIÓN DE LOS APORTES CIUDADANOS DE LA RENDICIÓN DE CUENTAS DEL AÑO ANTERIOR EN LA GESTIÓN INSTITUCIONAL",
        forma: Forma::Tabla,
        columnas: &[
            req(c(
                "compromiso",
                "DESCRIBA LOS COMPROMISOS ASUMIDOS CON LA COMUNIDAD",
                Texto,
            )),
            req(c(
                "incorporado",
                "SE INCORPORÓ EL APORTE CIUDADANO EN LA GESTIÓN INSTITUCIONAL? (PONGA SI O NO)",
                SiNo,
            )),
            c(
                "avance",
                "PORCENTAJE DE AVANCES DE CUMPLIMIENTO",
                Porcentaje,
            ),
            c("resultados", "DESCRIPCIÓN DE RESULTADOS", Texto),
            c("enlace", "LINK AL MEDIO DE VERIFICACIÓN", Enlace),
        ],
        filas_fijas: &[],
        reglas: &[
            Regla::EnlaceSegun {
                si_no: "incorporado",
                enlace: "enlace",
            },
            Regla::Hasta100 {
                partes: &["avance"],
            },
        ],
    },
    Seccion {
        clave: "difusion",
        titulo: "DIFUSIÓN Y COMUNICACIÓN DE LA GESTIÓN INSTITUCIONAL",
        forma: Forma::Tabla,
        columnas: &[
            c("medio", "MEDIOS DE VERIFICACIÓN", Etiqueta),
            c("medios", "No. DE MEDIOS", Entero),
            c(
                "pct_local",
                "PORCENTAJE DEL PPTO. DEL PAUTAJE QUE SE DESTINO A MEDIOS LOCALES Y REGIONALES",
                Porcentaje,
            ),
            c(
                "pct_nacional",
                "PORCENTAJE DEL PPTO. DEL PAUTAJE QUE SE DESTINO A MEDIOS NACIONALES",
                Porcentaje,
            ),
            c(
                "pct_internacional",
                "PORCENTAJE DEL PPTO. DEL PAUTAJE QUE SE DESTINO A MEDIOS INTERNACIONALES",
                Porcentaje,
            ),
            c("enlace", LINK, Enlace),
            c("nombre_radio", "NOMBRE DE LA RADIO", Texto),
            c("monto", "MONTO", Monto),
            c("minutos", "MINUTOS", Entero),
        ],
        filas_fijas: &[
            &["Radio"],
            &["Prensa"],
            &["Televisión"],
            &["Medios digitales"],
        ],
        reglas: &[Regla::Hasta100 {
            partes: &["pct_local", "pct_nacional", "pct_internacional"],
        }],
    },
    Seccion {
        clave: "transparencia",
        titulo: "TRANSPARENCIA Y ACCESO A LA INFORMACIÓN DE LA GESTIÓN INSTITUCIONAL Y DE SU RENDICIÓN DE CUENTAS",
        forma: Forma::Tabla,
        columnas: &[
            c("mecanismo", "MECANISMOS ADOPTADOS", Etiqueta),
            req(c("implementado", SI_NO, SiNo)),
            c("enlace", LINK, Enlace),
        ],
        filas_fijas: &[
            &[
                "PUBLICACIÓN EN LA PÁG. WEB DE LOS CONTENIDOS ESTABLECIDOS EN EL ART. 19 DE LA LOTAIP",
            ],
            &[
                "PUBLICACIÓN EN LA PÁG. WEB DE LOS CONTENIDOS ESTABLECIDOS EN EL ART. 29 DE LA LOTAIP",
            ],
        ],
        reglas: &[Regla::EnlaceSegun {
            si_no: "implementado",
            enlace: "enlace",
        }],
    },
    Seccion {
        clave: "planificacion",
        titulo: "PLANIFICACIÓN: Se refiere a la articulación de políticas públicas",
        forma: Forma::Tabla,
        columnas: &[
            c(
                "pregunta",
                "LA INSTITUCIÓN TIENE ARTICULADO EL PLAN ESTRATÉGICO INSTITUCIONAL",
                Etiqueta,
            ),
            req(c("respuesta", SI_NO, SiNo)),
            c("enlace", LINK, Enlace),
        ],
        filas_fijas: &[
            &["LA INSTITUCIÓN TIENE ARTICULADAS SUS POA AL PLAN NACIONAL DE DESARROLLO"],
            &["EL POA ESTÁ ARTICULADO AL PLAN ESTRATÉGICO"],
        ],
        reglas: &[Regla::EnlaceSegun {
            si_no: "respuesta",
            enlace: "enlace",
        }],
    },
    Seccion {
        clave: super::ENLACE_PRESUPUESTO,
        titulo: "CUMPLIMIENTO DE LA EJECUCIÓN PRESUPUESTARIA",
        forma: Forma::Tabla,
        columnas: &[
            c("tipo", "TIPO", Texto),
            c("descripcion", "DESCRIPCIÓN", Texto),
            c("planificado", "PRESUPUESTO PLANIFICADO", Monto),
            c("ejecutado", "PRESUPUESTO EJECUTADO", Monto),
            c("cumplimiento", "% CUMPLIMIENTO DE LA GESTIÓN", Texto),
            req(c("enlace", LINK, Enlace)),
        ],
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "contratacion",
        titulo: "PROCESOS DE CONTRATACIÓN Y COMPRAS PÚBLICAS DE BIENES Y SERVICIOS",
        forma: Forma::Tabla,
        columnas: &[
            req(c("tipo", "TIPO DE CONTRATACIÓN", Texto)),
            en(
                "ESTADO ACTUAL",
                c("numero_adjudicados", "Número Total Adjudicados", Entero),
            ),
            en(
                "ESTADO ACTUAL",
                c("valor_adjudicados", "Valor Total Adjudicados", Monto),
            ),
            en(
                "ESTADO ACTUAL",
                c("numero_finalizados", "Número Total Finalizados", Entero),
            ),
            en(
                "ESTADO ACTUAL",
                c("valor_finalizados", "Valor Total Finalizados", Monto),
            ),
            c(
                "enlace",
                "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PAG. WEB DE LA INSTITUCIÓN",
                Enlace,
            ),
        ],
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "enajenaciones",
        titulo: "ENAJENACIÓN, DONACIONES Y EXPROPIACIONES DE BIENES",
        forma: Forma::Tabla,
        columnas: &[
            req(c("tipo", "TIPO", Texto)),
            c("bien", "BIEN", Texto),
            c("valor", "VALOR TOTAL", Monto),
            c(
                "enlace",
                "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PAG. WEB DE LA INSTITUCIÓN",
                Enlace,
            ),
        ],
        filas_fijas: &[],
        reglas: &[],
    },
    Seccion {
        clave: "recomendaciones",
        titulo: "INCORPORACIÓN DE RECOMENDACIONES Y DICTÁMENES POR PARTE DE LAS ENTIDADES DE LA FUNCIÓN DE TRANSPARENCIA Y CONTROL SOCIAL Y LA PROCURADURÍA GENERAL DEL ESTADO",
        forma: Forma::Tabla,
        columnas: &[
            req(c("entidad_recomienda", "ENTIDAD QUE RECOMIENDA", Texto)),
            sn(c(
                "informe",
                "NO. DE INFORME DE LA ENTIDAD QUE RECOMIENDA",
                Texto,
            )),
            sn(c(
                "informe_cumplimiento",
                "NO. DE INFORME DE CUMPLIMIENTO",
                Texto,
            )),
            c(
                "cumplimiento",
                "% DE CUMPLIMIENTO DE LAS RECOMENDACIONES",
                Porcentaje,
            ),
            c("observaciones", "OBSERVACIONES", Texto),
            c("enlace", LINK, Enlace),
        ],
        filas_fijas: &[],
        reglas: &[Regla::Hasta100 {
            partes: &["cumplimiento"],
        }],
    },
];
