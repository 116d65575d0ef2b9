from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = _("Prénom")
        self.fields["last_name"].label = _("Nom")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Enregistrer")))


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte et mes données personnelles seront supprimés définitivement."),
        required=True,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Supprimer mon compte"), css_class="btn-danger"))

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."), code="wrong_password")
        return password
