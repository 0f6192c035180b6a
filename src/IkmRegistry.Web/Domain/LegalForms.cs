namespace IkmRegistry.Web.Domain;

public static class LegalForms
{
    /// <summary>The Indonesian label of a legal form (also the key of its English translation).</summary>
    public static string Label(LegalForm form) => form switch
    {
        LegalForm.Perorangan => "Perorangan",
        LegalForm.UsahaDagang => "Usaha Dagang (UD)",
        LegalForm.CV => "CV",
        LegalForm.PT => "PT",
        LegalForm.Koperasi => "Koperasi",
        LegalForm.Firma => "Firma",
        _ => "Lainnya",
    };
}
