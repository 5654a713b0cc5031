# Frontier calls on GPT-5 to draft replies.
print("calls on GPT")
